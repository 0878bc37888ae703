package history

import "testing"

func TestIsSecret(t *testing.T) {
	tests := []struct {
		entry string
		want  bool
	}{
		{":hmac", true},
		{"  :hmac s3cret", true},
		{":HMAC", true},
		{": hmac", true},
		{`obj._pyroHmacKey = b"k"`, true},
		{`Proxy("PYRO:x@h:1", hmac_key="k")`, true},
		{":connect PYRO:x@h:1 --hmac-key k", true},
		{"PYROSH_HMAC_KEY=abc", true},
		{"set HMAC key", true},
		{"obj.hmac()", false},
		{"obj.echo(1)", false},
		{":help", false},
		{":history 5", false},
	}
	for _, tt := range tests {
		if got := IsSecret(tt.entry); got != tt.want {
			t.Errorf("IsSecret(%q) = %v, want %v", tt.entry, got, tt.want)
		}
	}
}
