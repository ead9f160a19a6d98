package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)

	<-ctx.Done() // the pending timer is not a deadlock
	fmt.Println(ctx.Err())
	cancel()

	never := make(chan int)
	<-never // no timer left, nobody will send

	fmt.Println("never printed")
}
