// The Go twins of the benchmark's workloads W1-W5, the programs chango's rows translate. Run by
// `npm run bench` as `GOMAXPROCS=1 go run .`: one OS thread runs every goroutine, like the one
// JavaScript thread. Each figure is the median of 5 timed runs after a warm-up run. Prints {"wall": {"w1": ns/op, ...}, "cpu": {...}}: wall time, and the process's
// CPU time (user + system, getrusage) over the same span, for `npm run bench -- --cpu`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"
	"syscall"
	"time"
)

// w1: unbuffered ping-pong; n messages (n/2 round trips). v := <-ch, as chango's row.
func w1(n int) int {
	ping, pong := make(chan int), make(chan int)
	rounds := n / 2
	go func() {
		for i := 0; i < rounds; i++ {
			v := <-ping
			pong <- v + 1
		}
	}()
	sum := 0
	for i := 0; i < rounds; i++ {
		ping <- i
		sum += <-pong
	}
	return sum
}

// w2: buffered (cap 128) producer/consumer, for v := range ch.
func w2(n int) int {
	ch := make(chan int, 128)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// w3: worker pool, jobs cap 100, 8 workers, results cap 100, a WaitGroup closes results.
func w3(n int) int {
	jobs, results := make(chan int, 100), make(chan int, 100)
	go func() {
		for j := 0; j < n; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for v := range results {
		sum += v
	}
	return sum
}

// w4: select over 4 buffered channels (cap 128), 4 producers.
func w4(n int) int {
	var chs [4]chan int
	for p := range chs {
		chs[p] = make(chan int, 128)
		go func(p int) {
			for v := p; v < n; v += 4 {
				chs[p] <- v
			}
		}(p)
	}
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-chs[0]:
			sum += v
		case v := <-chs[1]:
			sum += v
		case v := <-chs[2]:
			sum += v
		case v := <-chs[3]:
			sum += v
		}
	}
	return sum
}

// w5: select between a ready receive and time.After(1 s), which never fires.
func w5(n int) int {
	ready := make(chan int, 1)
	sum := 0
	for i := 0; i < n; i++ {
		ready <- i
		select {
		case v := <-ready:
			sum += v
		case <-time.After(time.Second):
			panic("timeout won")
		}
	}
	return sum
}

type workload struct {
	id   string
	n    int
	run  func(int) int
	want func(int) int
}

// cpuNow is the process's CPU time so far (user + system), in ns.
func cpuNow() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

func main() {
	tri := func(k int) int { return k * (k - 1) / 2 }
	ws := []workload{
		{"w1", 200_000, w1, func(n int) int { r := n / 2; return r * (r + 1) / 2 }},
		{"w2", 1_000_000, w2, tri},
		{"w3", 500_000, w3, func(n int) int { return n * (n - 1) }},
		{"w4", 200_000, w4, tri},
		{"w5", 100_000, w5, tri},
	}
	wall, cpu := map[string]float64{}, map[string]float64{}
	for _, w := range ws {
		w.run(w.n / 10)
		var ns, cs []float64
		for r := 0; r < 5; r++ {
			t0, c0 := time.Now(), cpuNow()
			got := w.run(w.n)
			ns = append(ns, float64(time.Since(t0).Nanoseconds())/float64(w.n))
			cs = append(cs, float64(cpuNow()-c0)/float64(w.n))
			if got != w.want(w.n) {
				fmt.Fprintf(os.Stderr, "%s: got %d, want %d\n", w.id, got, w.want(w.n))
				os.Exit(1)
			}
		}
		wall[w.id], cpu[w.id] = median(ns), median(cs)
	}
	if err := json.NewEncoder(os.Stdout).Encode(map[string]map[string]float64{"wall": wall, "cpu": cpu}); err != nil {
		panic(err)
	}
}
