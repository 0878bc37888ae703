package cli

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"

	"github.com/youmark/pkcs8"
)

// loadClientCert loads the client certificate and its key, which may be
// encrypted with password: PKCS#8 ("ENCRYPTED PRIVATE KEY", as
// `openssl pkcs8 -topk8` and Python's ssl write it) or the legacy PEM
// form ("Proc-Type: 4,ENCRYPTED", as `openssl rsa -aes256` writes it).
// Python's ssl.load_cert_chain takes the same files with the same
// password. A wrong or missing password is a usage error naming the fix;
// certFrom and keyFrom name the flag or variable the files came from.
func loadClientCert(certFile, keyFile string, password []byte, certFrom, keyFrom string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, usageErrorf("read client certificate for %s: %v", certFrom, err)
	}
	keyPEM := certPEM
	if keyFile != certFile {
		if keyPEM, err = os.ReadFile(keyFile); err != nil {
			return tls.Certificate{}, usageErrorf("read client key for %s: %v", keyFrom, err)
		}
	}
	if key := encryptedKey(keyPEM); key != nil {
		if len(password) == 0 {
			return tls.Certificate{}, usageErrorf("client key %s is encrypted: give its passphrase with --ssl-key-password-file FILE or PYRO_SSL_CLIENTKEYPASSWD", keyFile)
		}
		der, err := decryptKey(key, password)
		if err != nil {
			return tls.Certificate{}, usageErrorf("client key %s: %v", keyFile, err)
		}
		keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, usageErrorf("load client certificate: %v", err)
	}
	return cert, nil
}

// encryptedKey returns the first encrypted private key block in data, or
// nil when its key (if any) is in the clear.
func encryptedKey(data []byte) *pem.Block {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil
		}
		//lint:ignore SA1019 the legacy PEM encryption is insecure, but keys made with it exist and Python's ssl reads them: we only read them too
		if b.Type == "ENCRYPTED PRIVATE KEY" || x509.IsEncryptedPEMBlock(b) {
			return b
		}
	}
}

var errWrongPassphrase = errors.New("wrong passphrase (check --ssl-key-password-file or PYRO_SSL_CLIENTKEYPASSWD)")

// decryptKey decrypts an encrypted key block into PKCS#8 DER.
func decryptKey(b *pem.Block, password []byte) ([]byte, error) {
	if b.Type == "ENCRYPTED PRIVATE KEY" {
		key, err := pkcs8.ParsePKCS8PrivateKey(b.Bytes, password)
		if err != nil {
			return nil, errWrongPassphrase
		}
		return x509.MarshalPKCS8PrivateKey(key)
	}
	//lint:ignore SA1019 see encryptedKey: reading legacy encrypted keys is the point
	der, err := x509.DecryptPEMBlock(b, password)
	if err != nil {
		return nil, errWrongPassphrase
	}
	for _, parse := range []func([]byte) (any, error){
		func(d []byte) (any, error) { return x509.ParsePKCS1PrivateKey(d) },
		func(d []byte) (any, error) { return x509.ParseECPrivateKey(d) },
		x509.ParsePKCS8PrivateKey,
	} {
		if key, err := parse(der); err == nil {
			return x509.MarshalPKCS8PrivateKey(key)
		}
	}
	// A wrong passphrase often decrypts to bytes with valid padding that
	// are no key.
	return nil, errWrongPassphrase
}
