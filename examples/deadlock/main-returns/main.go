package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		for range time.Tick(10 * time.Millisecond) {
			// a goroutine that would run forever
		}
	}()

	time.Sleep(30 * time.Millisecond)
	fmt.Println("main returns")
	// The program ends when main returns, ticker or not.
}
