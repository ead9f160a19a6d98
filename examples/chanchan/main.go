// Channels inside values: a request carries the channel its answer goes back on, and a channel
// of channels (chan chan int) asks for a fresh number. Go's everyday request/reply.
// Run: go run examples/chanchan/main.go
package main

import "fmt"

// request asks for the primes in [lo, hi); the answer goes back on reply.
type request struct {
	lo, hi int
	reply  chan int
}

func countPrimes(lo, hi int) int {
	n := 0
	for x := lo; x < hi; x++ {
		if x < 2 {
			continue
		}
		prime := true
		for d := 2; d*d <= x; d++ {
			if x%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}

// server answers requests until reqs is closed.
func server(reqs chan request) {
	for r := range reqs {
		r.reply <- countPrimes(r.lo, r.hi)
	}
}

// ids hands out sequence numbers: each request is the channel to answer on.
func ids(next chan chan int) {
	n := 0
	for reply := range next {
		n++
		reply <- n
	}
}

func main() {
	reqs := make(chan request)
	for i := 0; i < 2; i++ {
		go server(reqs)
	}
	// Three requests in flight at once, each with its own reply channel.
	replies := make([]chan int, 3)
	for i := range replies {
		replies[i] = make(chan int, 1)
		reqs <- request{i * 1000, (i + 1) * 1000, replies[i]}
	}
	for i, reply := range replies {
		fmt.Printf("primes in [%d, %d): %d\n", i*1000, (i+1)*1000, <-reply)
		close(reply) // optional in Go; in chango it lets the channel's owner drop it
	}
	close(reqs)

	// chan chan int: the value sent is the channel to answer on.
	next := make(chan chan int)
	go ids(next)
	reply := make(chan int)
	for i := 0; i < 3; i++ {
		next <- reply
		fmt.Println("id", <-reply)
	}
	close(next)
}
