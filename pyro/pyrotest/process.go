package pyrotest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

//go:embed server.py
var serverScript []byte

//go:embed server5.py
var serverScript5 []byte

// startTimeout bounds the wait for a server's READY line.
const startTimeout = 15 * time.Second

// lockedBuffer collects a child's output while the child runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// readyWriter collects stdout and hands the first "READY ..." line to ready.
type readyWriter struct {
	lockedBuffer
	ready chan string
	sent  bool
}

func (w *readyWriter) Write(p []byte) (int, error) {
	n, _ := w.lockedBuffer.Write(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.sent {
		return n, nil
	}
	for _, line := range strings.SplitAfter(w.buf.String(), "\n") {
		if strings.HasSuffix(line, "\n") && strings.HasPrefix(line, "READY ") {
			w.sent = true
			w.ready <- strings.TrimSpace(strings.TrimPrefix(line, "READY "))
			break
		}
	}
	return n, nil
}

// server is a running server.py process.
type server struct {
	fields []string // the READY line's fields
	stderr *lockedBuffer
	stop   func() // kill the process group and wait for the exit; idempotent
}

// childEnv is the environment of every Python child: the caller's without PYRO_*
// settings (Pyro4 reads them at import), a fixed hash seed so set order is the
// same on every run, then extra.
func childEnv(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PYRO_") && !strings.HasPrefix(kv, "PYTHONHASHSEED=") {
			env = append(env, kv)
		}
	}
	env = append(env, "PYTHONHASHSEED=0")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// startServer runs server.py (server5.py with pyro5) with opts as its first
// stdin line and waits for its READY line. The process is killed, with its
// whole process group, in t.Cleanup.
func startServer(t testing.TB, opts map[string]any, env map[string]string, pyro5 bool) *server {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, "pyrotest_server.py")
	body, environ := serverScript, childEnv(env)
	if pyro5 {
		body, environ = serverScript5, childEnv5(env)
	}
	if err := os.WriteFile(script, body, 0o600); err != nil {
		t.Fatalf("write server script: %v", err)
	}
	line, err := json.Marshal(opts)
	if err != nil {
		t.Fatalf("encode server options: %v", err)
	}

	cmd := exec.Command(Python, "-u", script)
	cmd.Dir = dir
	cmd.Env = environ
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout := &readyWriter{ready: make(chan string, 1)}
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatalf("stdin pipe for %s: %v", Python, err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", Python, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	stop := sync.OnceFunc(func() {
		_ = stdin.Close()
		// Negative pid: the whole group, in case Pyro4 ever forks.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	t.Cleanup(stop)
	// stdin stays open after this line: it is the child's lifeline.
	if _, err := stdin.Write(append(line, '\n')); err != nil {
		t.Fatalf("send options to %s: %v\n%s", Python, err, stderr.String())
	}

	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case ready := <-stdout.ready:
		return &server{fields: strings.Fields(ready), stderr: stderr, stop: stop}
	case <-exited:
		t.Fatalf("pyro test server exited before READY: %v\nstdout:\n%s\nstderr:\n%s",
			cmd.ProcessState, stdout.String(), stderr.String())
	case <-timer.C:
		t.Fatalf("pyro test server not READY within %v\nstdout:\n%s\nstderr:\n%s",
			startTimeout, stdout.String(), stderr.String())
	}
	return nil
}
