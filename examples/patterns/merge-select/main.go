// Fan-in with select: merge two channels into one, switching off each input as it closes by
// setting it to nil (after Rob Pike's "Go Concurrency Patterns").
package main

import "fmt"

// boring sends n messages on the channel it returns, then closes it.
func boring(msg string, n int) <-chan string {
	c := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			c <- fmt.Sprintf("%s %d", msg, i)
		}
		close(c)
	}()
	return c
}

// fanIn merges two channels into one with select, until both are closed.
func fanIn(input1, input2 <-chan string) <-chan string {
	c := make(chan string)
	go func() {
		defer close(c)
		for input1 != nil || input2 != nil {
			select {
			case s, ok := <-input1:
				if !ok {
					input1 = nil // a nil channel is never ready: this case is now off
					continue
				}
				c <- s
			case s, ok := <-input2:
				if !ok {
					input2 = nil
					continue
				}
				c <- s
			}
		}
	}()
	return c
}

func main() {
	c := fanIn(boring("Joe", 3), boring("Ann", 3))
	for s := range c {
		fmt.Println(s)
	}
	fmt.Println("You're both boring; I'm leaving.")
}
