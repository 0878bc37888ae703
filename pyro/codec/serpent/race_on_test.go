//go:build race

package serpent

// raceDetector is true in -race builds, whose instrumentation changes
// allocation figures.
const raceDetector = true
