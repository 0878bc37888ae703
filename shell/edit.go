package shell

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// editorCommand is the external editor: $VISUAL, else $EDITOR, else vi,
// split on white space so "code --wait" works.
func editorCommand() []string {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(name)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// editText opens text in the external editor on the terminal tty (the
// terminal in its normal modes) and returns what the file holds when the
// editor exits with status 0. A failure is printed and returns false.
func (s *session) editText(tty *os.File, text string) (string, bool) {
	f, err := os.CreateTemp("", "pyrosh-*.py")
	if err != nil {
		s.errorf("edit: %v", err)
		return "", false
	}
	defer os.Remove(f.Name())
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.errorf("edit: %v", err)
		return "", false
	}
	argv := append(editorCommand(), f.Name())
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	if out, ok := s.o.IO.Out.(*os.File); ok {
		cmd.Stdout = out
	}
	if err := cmd.Run(); err != nil {
		s.errorf("edit: %s: %v (nothing run)", argv[0], err)
		return "", false
	}
	b, err := os.ReadFile(f.Name())
	if err != nil {
		s.errorf("edit: %v", err)
		return "", false
	}
	return strings.TrimRight(string(b), "\n"), true
}

// metaEdit is :edit: the last statement in the external editor; what is
// saved runs, and goes into the history.
func (s *session) metaEdit(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usagef(":edit takes no arguments")
	}
	if s.edit == nil {
		return usagef(":edit needs a terminal")
	}
	last := ""
	if s.hist != nil {
		entries := s.hist.Entries()
		for i := len(entries) - 1; i >= 0; i-- {
			if !strings.HasPrefix(strings.TrimSpace(entries[i]), ":") {
				last = entries[i]
				break
			}
		}
	}
	saved, ok := s.edit(last)
	if !ok || strings.TrimSpace(saved) == "" {
		return nil
	}
	for i, line := range strings.Split(saved, "\n") {
		p := promptFirst
		if i > 0 {
			p = promptMore
		}
		fmt.Fprintln(s.out, p+line)
	}
	s.remember(saved)
	s.runSource(ctx, saved)
	return nil
}
