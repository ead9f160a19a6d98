package main

import "fmt"

func main() {
	results := make(chan int, 3)
	results <- 2
	results <- 4
	results <- 6
	close(results) // No more sends; the three values are still in the buffer.

	v, ok := <-results // A buffered value: ok is true, although the channel is closed.
	fmt.Println("received", v, ok)

	// range drains what is left, then stops because the channel is closed and empty.
	for result := range results {
		fmt.Println("Result:", result)
	}

	v, ok = <-results // Closed and empty: the zero value at once, and ok is false.
	fmt.Println("received", v, ok)
	v, ok = <-results // As often as you like: a closed channel never blocks a receiver.
	fmt.Println("received", v, ok)
}
