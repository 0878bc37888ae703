//go:build linux

package cli_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// bashCompletion is the bash-completion package's entry point, which
// cobra's bash script needs (_get_comp_words_by_ref).
const bashCompletion = "/usr/share/bash-completion/bash_completion"

// TestCompletionScriptsKnowTheRemoteSide sources the scripts `pyrosh
// completion bash|zsh` writes into a real bash and zsh on a pty, presses
// Tab as a user would, and reads the screen: methods with their kind
// after `call URI`, names after `ns lookup` and `PYRONAME:`, serializers
// after --serializer.
func TestCompletionScriptsKnowTheRemoteSide(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example"},
		{Name: "example.thing", ObjectID: "Thing"},
	}})
	thing := ns.Objects.URI("Thing")
	pyrosh, err := exec.LookPath("pyrosh") // testscript.Main put it on PATH
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + t.TempDir(), "TERM=xterm", "LANG=C.UTF-8",
		"PATH=" + filepath.Dir(pyrosh) + ":/usr/bin:/bin",
		"PYRO_NS_HOST=" + ns.Host, "PYRO_NS_PORT=" + strconv.Itoa(ns.Port)}

	t.Run("bash", func(t *testing.T) {
		requireFile(t, "/bin/bash")
		requireFile(t, bashCompletion)
		sh := startShell(t, env, "bash", "--norc", "--noprofile", "-i")
		sh.line(`PS1='$ '; source ` + bashCompletion + `; source <(pyrosh completion bash); echo RE""ADY`)
		sh.waitFor("\nREADY")
		sh.typeKeys("pyrosh call " + thing + " div\t")
		sh.waitFor("pyrosh call " + thing + " divide ")
		sh.typeKeys("\x15pyrosh call " + thing + " echo\t\t")
		sh.waitFor("echo_kw")
		sh.typeKeys("\x15pyrosh ns lookup example.t\t")
		sh.waitFor("pyrosh ns lookup example.thing ")
		sh.typeKeys("\x15pyrosh meta PYRONAME:example.h\t")
		sh.waitFor("pyrosh meta PYRONAME:example.hello ")
		sh.typeKeys("\x15pyrosh call --serializer msg\t")
		sh.waitFor("pyrosh call --serializer msgpack ")
		// A dead name server: Tab gives nothing and the shell stays usable.
		sh.typeKeys("\x15PYRO_NS_PORT=1 pyrosh ns lookup ex\t\x15echo ALIVE\r")
		sh.waitFor("\nALIVE")
	})

	t.Run("zsh", func(t *testing.T) {
		requireFile(t, "/usr/bin/zsh")
		sh := startShell(t, env, "zsh", "-f", "-i")
		sh.line(`PS1='%% '; autoload -U compinit; compinit -u; source <(pyrosh completion zsh); echo RE""ADY`)
		sh.waitFor("\nREADY")
		sh.typeKeys("pyrosh call " + thing + " fi\t")
		sh.waitFor("pyrosh call " + thing + " fire")
		sh.typeKeys("\t")
		sh.waitFor("fire   -- oneway method")
		sh.waitFor("fired  -- method")
		sh.typeKeys("\x15pyrosh call " + thing + " na\t")
		sh.waitFor("pyrosh call " + thing + " name ")
		sh.typeKeys("\x15pyrosh ns lookup example.t\t")
		sh.waitFor("pyrosh ns lookup example.thing ")
		sh.typeKeys("\x15pyrosh meta PYRONAME:example.h\t")
		sh.waitFor("pyrosh meta PYRONAME:example.hello ")
	})
}

// requireFile skips when a shell is missing, except in CI (which
// installs them: .ci/run), where it fails.
func requireFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("PYROSH_REQUIRE_PYRO4") != "" {
			t.Fatalf("%s is missing (apt-get install zsh bash-completion; .ci/run does)", path)
		}
		t.Skipf("%s is missing", path)
	}
}

// shellTerm is an interactive shell on a pty, rendered by vt10x.
type shellTerm struct {
	t    *testing.T
	ptmx *os.File
	mu   sync.Mutex
	vt   vt10x.Terminal
}

func startShell(t *testing.T, env []string, name string, args ...string) *shellTerm {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 200, Rows: 40})
	if err != nil {
		t.Fatal(err)
	}
	st := &shellTerm{t: t, ptmx: ptmx, vt: vt10x.New(vt10x.WithSize(200, 40))}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				st.mu.Lock()
				st.vt.Write(buf[:n])
				st.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		ptmx.Close()
		<-done
	})
	return st
}

func (s *shellTerm) typeKeys(keys string) {
	s.t.Helper()
	if _, err := io.WriteString(s.ptmx, keys); err != nil {
		s.t.Fatal(err)
	}
}

func (s *shellTerm) line(l string) { s.t.Helper(); s.typeKeys(l + "\r") }

// waitFor waits up to 10 seconds for text on the screen, and prints the
// screen when it does not come.
func (s *shellTerm) waitFor(text string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		screen := s.vt.String()
		s.mu.Unlock()
		if strings.Contains(screen, text) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %q; the screen:\n%s", text, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
