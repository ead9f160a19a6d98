// Timeouts and quit channels with select (after Rob Pike's "Go Concurrency Patterns").
package main

import (
	"fmt"
	"time"
)

// boring talks on the channel it returns until told to quit; then it cleans up and says goodbye
// on the quit channel.
func boring(msg string, quit chan string) <-chan string {
	c := make(chan string)
	go func() {
		for i := 0; ; i++ {
			select {
			case c <- fmt.Sprintf("%s %d", msg, i):
				// sent; talk on
			case <-quit:
				quit <- "See you!"
				return
			}
		}
	}()
	return c
}

func main() {
	// 1. A timeout: stop waiting for a reply that does not come.
	replies := make(chan string) // nobody ever replies
	select {
	case s := <-replies:
		fmt.Println(s)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no reply after 50ms: timed out")
	}

	// 2. A quit channel: tell a goroutine to stop, and wait until it has.
	quit := make(chan string)
	c := boring("Joe", quit)
	for i := 0; i < 3; i++ {
		fmt.Println(<-c)
	}
	quit <- "Bye!"
	fmt.Printf("Joe says: %q\n", <-quit)
}
