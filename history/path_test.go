package history

import (
	"path/filepath"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	state := t.TempDir()
	tests := []struct {
		name, xdg, want string
	}{
		{"XDG_STATE_HOME set", state, filepath.Join(state, "pyrosh", "history")},
		{"XDG_STATE_HOME unset", "", filepath.Join(home, ".local", "state", "pyrosh", "history")},
		{"relative XDG_STATE_HOME ignored", "rel/state", filepath.Join(home, ".local", "state", "pyrosh", "history")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("XDG_STATE_HOME", tt.xdg)
			got, err := DefaultPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("DefaultPath() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultPathWithoutHome(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_STATE_HOME", "")
	if got, err := DefaultPath(); err == nil {
		t.Errorf("DefaultPath() = %q with no HOME, want an error", got)
	}
}
