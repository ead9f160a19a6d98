package main

import (
	"fmt"
)

func worker(id int, jobs <-chan int, results chan<- int, done chan<- struct{}) {
	for job := range jobs {
		result := job * 2
		results <- result
	}
	done <- struct{}{} // Send a signal when a worker is done
}

func main() {
	numJobs := 10
	numWorkers := 4

	jobs := make(chan int, numJobs)
	results := make(chan int, numJobs)
	done := make(chan struct{}, numWorkers) // Channel to signal completion of workers

	// Start worker goroutines
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results, done)
	}

	// Send jobs to workers
	for j := 1; j <= numJobs; j++ {
		jobs <- j
	}
	close(jobs) // Close the jobs channel when done sending jobs

	// Use a goroutine to close the results channel after all workers are done
	go func() {
		for i := 0; i < numWorkers; i++ {
			<-done // Wait for all workers to signal completion
		}
		close(results) // Close the results channel after all workers are done
	}()

	// Receive results from the results channel
	for result := range results {
		fmt.Println("Result:", result)
	}
}
