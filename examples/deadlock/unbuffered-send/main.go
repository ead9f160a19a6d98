package main

import "fmt"

func main() {
	results := make(chan int) // unbuffered: a send waits for a receiver

	results <- 42 // nobody will ever receive: every goroutine (just main) is asleep

	fmt.Println("never printed")
}
