package authclient_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/httpauth-go/httpauth/authclient"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// TestTransportLeaks checks that neither the handlers, nor their sessions,
// nor a Transport holding them, show a password or a token when printed
// with fmt, log/slog or encoding/json.
func TestTransportLeaks(t *testing.T) {
	const password, token = "pa55-w0rd-SECRET", "t0ken-SECRET"
	src := authclient.TokenSourceFunc(func(context.Context, *authclient.TokenRequest) (string, error) { return token, nil })
	handlers := []authclient.Handler{
		authclient.Basic("user", password),
		authclient.Digest("user", password),
		authclient.Bearer(src),
	}
	base := &transportFakeBase{respond: transportChallengeOnce(`Basic realm="r", Digest realm="r", qop="auth", nonce="n", Bearer realm="r"`)}
	tr := &authclient.Transport{Base: base, Handlers: handlers}

	values := []any{tr, handlers}
	for _, h := range handlers {
		values = append(values, h)
		// A session of each handler, as a Transport would get it.
		c := strings.ToLower(h.Scheme())
		resp := &http.Response{StatusCode: 401, Header: http.Header{}, Request: transportRequest(t, "GET", "https://example.com/", nil)}
		cs, err := wwwauth.ParseString(map[string]string{
			"basic": `Basic realm="r"`, "digest": `Digest realm="r", qop="auth", nonce="n"`, "bearer": `Bearer realm="r"`,
		}[c])
		if err != nil {
			t.Fatal(err)
		}
		s, err := h.Answer(context.Background(), &authclient.Refusal{Response: resp, Challenges: cs})
		if err != nil || s == nil {
			t.Fatalf("%s: Answer = %v, %v", h.Scheme(), s, err)
		}
		values = append(values, s)
	}
	// And the Transport after it remembered a session of each.
	for _, h := range handlers {
		one := &authclient.Transport{Base: base, Handlers: []authclient.Handler{h}}
		resp, err := one.RoundTrip(transportRequest(t, "GET", "https://example.com/", nil))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		values = append(values, one)
	}

	for i, v := range values {
		var out bytes.Buffer
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
		fmt.Fprintln(&out, v)
		slog.New(slog.NewTextHandler(&out, nil)).Info("m", "v", v)
		slog.New(slog.NewJSONHandler(&out, nil)).Info("m", "v", v)
		if b, err := json.Marshal(v); err == nil {
			out.Write(b)
		}
		s := out.String()
		secrets := []string{
			password, token, fmt.Sprintf("%x", password), fmt.Sprintf("%x", token),
			base64.StdEncoding.EncodeToString([]byte("user:" + password)), // Basic's token68
			fmt.Sprintf("%x", md5.Sum([]byte("user:r:"+password))),        // Digest's H(A1), a password equivalent
		}
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				t.Errorf("value %d (%T) shows a secret:\n%s", i, v, s)
			}
		}
	}
}
