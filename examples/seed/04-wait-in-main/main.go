package main

import (
	"fmt"
	"sync"
)

// worker performs the task on jobs received and sends results to the results channel.
func worker(id int, jobs <-chan int, results chan<- int) {
	for job := range jobs {
		// Perform the task here
		result := job * 2
		results <- result
	}
}

func main() {
	numJobs := 10
	numWorkers := 4

	// Create buffered channels for jobs and results
	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)

	// Fan-out: Create worker goroutines
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results)
	}

	// Produce jobs
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs) // Close the jobs channel to signal no more jobs will be sent

	// Fan-in: Collect results
	var wg sync.WaitGroup
	wg.Add(numJobs) // Set WaitGroup counter to the number of jobs

	// Question 1: wg.Wait() in main instead of its own goroutine.
	wg.Wait()      // Waits for numJobs calls of wg.Done()...
	close(results) // ...but they are made by the loop below, which cannot start until Wait returns.

	// Process results
	for result := range results {
		fmt.Println("Result:", result)
		wg.Done() // Decrease the WaitGroup counter as each result is processed
	}
}
