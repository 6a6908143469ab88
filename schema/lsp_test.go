package schema_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// yamlLanguageServer returns the path of yaml-language-server's entry
// point, installed by .ci/run into .ci/node, or skips the test when it (or
// node) is missing, and fails it then when JOURNEY_CONSUMERS=1, as in CI.
func yamlLanguageServer(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../.ci/node/node_modules/yaml-language-server")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin", "yaml-language-server")
	_, nerr := exec.LookPath("node")
	if _, err := os.Stat(bin); err != nil || nerr != nil {
		if os.Getenv("JOURNEY_CONSUMERS") == "1" {
			t.Fatalf("yaml-language-server is not installed in %s (or node is missing): .ci/run installs it", dir)
		}
		t.Skipf("yaml-language-server not installed (run .ci/run, or: npm install --prefix .ci/node yaml-language-server)")
	}
	return bin
}

// lspDiagnostic is one diagnostic the server published.
type lspDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int }
	}
	Severity int
	Message  string
	Source   string
}

// lspClient speaks the Language Server Protocol (JSON-RPC 2.0 with
// Content-Length framing) to a server on its standard input and output.
type lspClient struct {
	t     *testing.T
	cmd   *exec.Cmd
	in    io.WriteCloser
	mu    sync.Mutex
	next  int
	calls map[int]chan json.RawMessage
	diags map[string]chan []lspDiagnostic
	done  chan struct{}
}

// startLSP starts yaml-language-server and initializes it with the
// settings of VS Code's YAML extension, with the schema store off (no
// network here): schemas come from the files' modelines.
func startLSP(t *testing.T, root string) *lspClient {
	t.Helper()
	bin := yamlLanguageServer(t)
	cmd := exec.Command("node", bin, "--stdio")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lspClient{t: t, cmd: cmd, in: in, calls: map[int]chan json.RawMessage{}, diags: map[string]chan []lspDiagnostic{}, done: make(chan struct{})}
	go c.read(out)
	t.Cleanup(func() {
		_ = in.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("yaml-language-server stderr:\n%s", stderr.String())
		}
	})
	rootURI := fileURI(root)
	c.call("initialize", map[string]any{
		"processId": os.Getpid(),
		"rootUri":   rootURI,
		"capabilities": map[string]any{
			"workspace": map[string]any{"configuration": true},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{},
				"completion":         map[string]any{"completionItem": map[string]any{"snippetSupport": true}},
			},
		},
		"workspaceFolders": []any{map[string]any{"uri": rootURI, "name": "journey"}},
	})
	c.notify("initialized", map[string]any{})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": lspSettings})
	return c
}

// lspSettings are the settings the client gives for each section it is asked.
var lspSettings = map[string]any{
	"yaml": map[string]any{
		"validate": true, "completion": true, "hover": true, "format": map[string]any{"enable": false},
		"schemaStore": map[string]any{"enable": false}, "schemas": map[string]any{}, "yamlVersion": "1.2",
	},
	"http":   map[string]any{"proxy": "", "proxyStrictSSL": false},
	"editor": map[string]any{"tabSize": 2, "detectIndentation": false},
	"[yaml]": map[string]any{},
	"files":  map[string]any{"associations": map[string]any{}},
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// read dispatches what the server sends: answers to calls, diagnostics,
// and the server's own requests (configuration, registrations), answered.
func (c *lspClient) read(out io.Reader) {
	defer close(c.done)
	r := textproto.NewReader(bufio.NewReader(out))
	for {
		head, err := r.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(head.Get("Content-Length"))
		if err != nil {
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r.R, body); err != nil {
			return
		}
		var msg struct {
			ID     *json.RawMessage
			Method string
			Params json.RawMessage
			Result json.RawMessage
			Error  *struct{ Message string }
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			continue
		}
		switch {
		case msg.Method == "textDocument/publishDiagnostics":
			var p struct {
				URI         string
				Diagnostics []lspDiagnostic
			}
			if json.Unmarshal(msg.Params, &p) == nil {
				c.diagsOf(p.URI) <- p.Diagnostics
			}
		case msg.Method != "" && msg.ID != nil:
			c.answer(*msg.ID, msg.Method, msg.Params)
		case msg.ID != nil:
			id, _ := strconv.Atoi(string(*msg.ID))
			c.mu.Lock()
			ch := c.calls[id]
			delete(c.calls, id)
			c.mu.Unlock()
			if ch != nil {
				if msg.Error != nil {
					ch <- json.RawMessage(`{"error":` + strconv.Quote(msg.Error.Message) + `}`)
				} else {
					ch <- msg.Result
				}
			}
		}
	}
}

// answer replies to a request from the server.
func (c *lspClient) answer(id json.RawMessage, method string, params json.RawMessage) {
	var result any
	if method == "workspace/configuration" {
		var p struct{ Items []struct{ Section string } }
		_ = json.Unmarshal(params, &p)
		res := make([]any, len(p.Items))
		for i, it := range p.Items {
			res[i] = lspSettings[it.Section]
		}
		result = res
	}
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
}

func (c *lspClient) diagsOf(uri string) chan []lspDiagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch, ok := c.diags[uri]
	if !ok {
		ch = make(chan []lspDiagnostic, 16)
		c.diags[uri] = ch
	}
	return ch
}

func (c *lspClient) send(msg any) {
	body, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("writing to yaml-language-server: %v", err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and waits for its answer.
func (c *lspClient) call(method string, params any) json.RawMessage {
	c.t.Helper()
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan json.RawMessage, 1)
	c.calls[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case res := <-ch:
		return res
	case <-c.done:
		c.t.Fatalf("yaml-language-server exited during %s", method)
	case <-time.After(60 * time.Second):
		c.t.Fatalf("yaml-language-server did not answer %s in 60 s", method)
	}
	return nil
}

// openAll opens documents (path to text; the paths need not exist: the
// server reads the text from the message and resolves a modeline's
// relative schema path against the path) and returns the diagnostics the
// server publishes for each. They are sent together, so the server's
// validations overlap.
func (c *lspClient) openAll(docs map[string]string) map[string][]lspDiagnostic {
	c.t.Helper()
	chans := map[string]chan []lspDiagnostic{}
	for path, text := range docs {
		uri := fileURI(path)
		chans[path] = c.diagsOf(uri)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": uri, "languageId": "yaml", "version": 1, "text": text,
		}})
	}
	out := map[string][]lspDiagnostic{}
	for path, ch := range chans {
		select {
		case d := <-ch:
			out[path] = d
		case <-c.done:
			c.t.Fatalf("yaml-language-server exited before publishing diagnostics of %s", path)
		case <-time.After(60 * time.Second):
			c.t.Fatalf("no diagnostics for %s in 60 s", path)
		}
	}
	return out
}

// close closes the document at path.
func (c *lspClient) close(path string) {
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": fileURI(path)}})
}

// complete returns the labels of the completion items at line and
// character (0-based) of the open document at path.
func (c *lspClient) complete(path string, line, char int) []string {
	c.t.Helper()
	res := c.call("textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": fileURI(path)},
		"position":     map[string]any{"line": line, "character": char},
	})
	var list struct{ Items []struct{ Label string } }
	if err := json.Unmarshal(res, &list); err != nil || list.Items == nil {
		var items []struct{ Label string }
		if err := json.Unmarshal(res, &items); err != nil {
			c.t.Fatalf("completion answer %s: %v", res, err)
		}
		list.Items = items
	}
	labels := make([]string, len(list.Items))
	for i, it := range list.Items {
		labels[i] = it.Label
	}
	return labels
}
