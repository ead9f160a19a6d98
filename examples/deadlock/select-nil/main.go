package main

import "fmt"

func main() {
	a := make(chan int)
	var b chan int // the nil channel: sends and receives on it block forever

	go func() {
		b <- 1 // blocked forever
	}()

	select { // neither case can ever proceed
	case v := <-a:
		fmt.Println("a:", v)
	case v := <-b:
		fmt.Println("b:", v)
	}
}
