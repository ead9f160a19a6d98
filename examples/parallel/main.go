// The seed's fan-out/fan-in where each job is real CPU work, run twice: with one core
// (GOMAXPROCS(1), like async workers on one JavaScript thread), then with every core.
// Run: go run examples/parallel/main.go [numJobs] [threads]
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const span = 2000
const numWorkers = 8

var numJobs = 200

// countPrimes counts the primes in [lo, hi) by trial division: deliberately plain CPU work.
func countPrimes(lo, hi int) int {
	n := 0
	for x := maxInt(lo, 2); x < hi; x++ {
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

// worker performs the task on jobs received and sends results to the results channel.
func worker(id int, jobs <-chan int, results chan<- int) {
	for job := range jobs {
		lo := 1_000_000 + (job-1)*span
		results <- countPrimes(lo, lo+span)
	}
}

func fanOutFanIn() int {
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	var wg sync.WaitGroup
	for w := 1; w <= numWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker(w, jobs, results)
		}()
	}
	go func() {
		for j := 1; j <= numJobs; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	total := 0
	for primes := range results {
		total += primes
	}
	return total
}

func main() {
	threads := maxInt(2, runtime.NumCPU())
	if len(os.Args) > 1 {
		numJobs, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		threads, _ = strconv.Atoi(os.Args[2])
	}

	runtime.GOMAXPROCS(1)
	t0 := time.Now()
	local := fanOutFanIn()
	tLocal := time.Since(t0)
	fmt.Printf("main thread, %d async workers: %d jobs, %d primes, %d ms\n", numWorkers, numJobs, local, tLocal.Milliseconds())

	runtime.GOMAXPROCS(threads)
	t0 = time.Now()
	parallel := fanOutFanIn()
	tThreads := time.Since(t0)
	fmt.Printf("%d worker threads, %d workers: %d jobs, %d primes, %d ms\n", threads, numWorkers, numJobs, parallel, tThreads.Milliseconds())
	fmt.Printf("speed-up: %.2fx\n", float64(tLocal)/float64(tThreads))
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
