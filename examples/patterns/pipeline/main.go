// Pipelines: stages connected by channels, each stage a goroutine that receives from upstream,
// works, and sends downstream (after the Go blog's "Go Concurrency Patterns: Pipelines").
package main

import (
	"fmt"
	"sync"
)

// gen sends the numbers on a channel it returns, then closes it.
func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

// sq receives numbers, squares them, sends them on; it closes its output when its input is closed.
func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

// merge fans in: it copies every input channel to one output, closed once all inputs are.
func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)

	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}

	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	// A pipeline of three stages: gen -> sq -> sq.
	for n := range sq(sq(gen(2, 3))) {
		fmt.Println(n) // 16 then 81
	}

	// Fan-out: two sq stages read from the same input; fan-in: merge their outputs.
	in := gen(2, 3, 4)
	c1 := sq(in)
	c2 := sq(in)
	for n := range merge(c1, c2) {
		fmt.Println(n) // 4, 9 and 16, in any order
	}
}
