// Bounded parallelism with errgroup: at most N goroutines at a time, and the first error wins.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	// 1. Square 1..10 with at most 3 goroutines running at once.
	var g errgroup.Group
	g.SetLimit(3)
	squares := make([]int, 10)
	var mu sync.Mutex
	running, most := 0, 0
	for i := range squares {
		i := i
		g.Go(func() error { // blocks while 3 goroutines of the group are running
			mu.Lock()
			running++
			if running > most {
				most = running
			}
			mu.Unlock()

			time.Sleep(10 * time.Millisecond) // simulate work
			squares[i] = (i + 1) * (i + 1)

			mu.Lock()
			running--
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("squares:", squares)
	fmt.Println("at most", most, "at once")

	// 2. The first error cancels the context the others watch, and is what Wait returns.
	g2, ctx := errgroup.WithContext(context.Background())
	g2.SetLimit(3)
	for i := 1; i <= 10; i++ {
		i := i
		g2.Go(func() error {
			if i == 4 {
				return fmt.Errorf("job %d failed", i)
			}
			select {
			case <-time.After(10 * time.Millisecond): // the job's work
				return nil
			case <-ctx.Done(): // cancelled: give up
				return ctx.Err()
			}
		})
	}
	fmt.Println("error:", g2.Wait())
}
