package main

import "fmt"

func main() {
	never := make(chan int)

	go func() {
		<-never // blocked forever: nobody sends
	}()

	fmt.Println("main returns")
	// The program ends here. The goroutine above is still blocked, and Go drops it
	// without a word: only a blocked main is a deadlock.
}
