package pyrotest

import (
	"fmt"
	"strings"
	"testing"
)

func TestNameServerListsRegistrations(t *testing.T) {
	t.Parallel()
	for _, key := range []string{"", "nskey"} {
		t.Run(fmt.Sprintf("hmac %q", key), func(t *testing.T) {
			ns := StartNameServer(t, NSOptions{
				HMACKey: key,
				Registrations: []Registration{
					{Name: "example.hello", ObjectID: "Example"},
					{Name: "example.thing", ObjectID: "Thing", Metadata: []string{"blue"}},
				},
			})
			if ns.Host != "127.0.0.1" || ns.Port == 0 || ns.URI != fmt.Sprintf("PYRO:Pyro.NameServer@127.0.0.1:%d", ns.Port) {
				t.Fatalf("name server host %q port %d URI %q", ns.Host, ns.Port, ns.URI)
			}
			hmac := "None"
			if key != "" {
				hmac = fmt.Sprintf("b%q", key)
			}
			got := PyRepr(t, fmt.Sprintf(
				"sorted(__import__('Pyro4').locateNS(%q, %d, hmac_key=%s).list().items())", ns.Host, ns.Port, hmac))[0]
			want := fmt.Sprintf("[('Pyro.NameServer', %q), ('example.hello', %q), ('example.thing', %q)]",
				ns.URI, ns.Objects.URI("Example"), ns.Objects.URI("Thing"))
			if got != strings.ReplaceAll(want, `"`, "'") {
				t.Errorf("locateNS().list() = %s\nwant %s", got, want)
			}
			repr, exc := PyCall(t, ns.URI, "serpent", key, "list(metadata_all=['blue'])")
			if repr != fmt.Sprintf("{'example.thing': '%s'}", ns.Objects.URI("Thing")) {
				t.Errorf("list(metadata_all=['blue']) = (%q, %q)", repr, exc)
			}
			if repr, exc := PyCall(t, ns.Objects.URI("Thing"), "serpent", key, "name"); repr != "'thing'" {
				t.Errorf("registered Thing.name = (%q, %q), want 'thing'\nstderr:\n%s", repr, exc, ns.Stderr())
			}
		})
	}
}
