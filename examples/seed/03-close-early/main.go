package main

import (
	"fmt"
	"time"
)

func worker(id int, jobs <-chan int, results chan<- int) {
	time.Sleep(1 * time.Second) // Simulate work
	result := id * 2
	results <- result
}

func main() {
	numJobs := 5
	numWorkers := 3

	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)

	// Start worker goroutines
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results)
	}

	// Send jobs to workers
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs) 
  close (results) // **Closing channel prematurely!** 
	// Read from results channel
	for result := range results {
		fmt.Println("Result:", result)
	}
}
