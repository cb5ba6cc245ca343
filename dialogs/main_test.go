package dialogs_test

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/rtl/rtltest"
)

// replies collects the text and buttons of every reply any test of this package stepped, so
// that TestMain can check, after them all, that each number is shown in the order it was
// written: the walk-through tests reach every path in both languages.
var replies collector

type collector struct {
	mu    sync.Mutex
	lines []string
	outs  []dialogs.Output // the messages, to render them as WhatsApp would
}

func (c *collector) add(out []dialogs.Output) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, o := range out {
		if o.Kind == dialogs.SendMessage {
			c.outs = append(c.outs, o)
		}
		c.lines = append(c.lines, o.Text)
		for _, row := range o.Buttons {
			for _, b := range row {
				c.lines = append(c.lines, b.Text)
			}
		}
	}
}

// TestMain runs the tests, then renders every reply they produced through the Unicode bidi
// algorithm (GNU FriBidi) and fails when a number, licence number, phone number or command is
// shown in another order than written. Without fribidi it says so and passes, unless
// TASDEEQ_FRIBIDI_REQUIRED=1 (CI).
func TestMain(m *testing.M) {
	code := m.Run()
	if code != 0 || len(replies.lines) == 0 {
		os.Exit(code)
	}
	// Every reply must also render on WhatsApp, within the Cloud API's limits.
	if report, bad := renderOnWhatsApp(replies.outs); len(bad) > 0 {
		for _, b := range bad {
			fmt.Println("whatsapp:", b)
		}
		code = 1
	} else {
		fmt.Println(report)
	}
	checked, bad, err := rtltest.Check(replies.lines)
	switch {
	case errors.Is(err, rtltest.ErrNoFriBidi) && os.Getenv("TASDEEQ_FRIBIDI_REQUIRED") != "1":
		fmt.Println("display order of replies NOT checked:", err)
	case err != nil:
		fmt.Println("display order of replies:", err)
		code = 1
	default:
		for _, v := range bad {
			fmt.Println("display order:", v)
		}
		fmt.Printf("display order checked for %d numbers in %d replies: %d shown out of order\n", checked, len(replies.lines), len(bad))
		if len(bad) > 0 {
			code = 1
		}
	}
	os.Exit(code)
}
