package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tasdeeq/tasdeeq/dialogs"
	"github.com/tasdeeq/tasdeeq/locales"
	"github.com/tasdeeq/tasdeeq/offices"
	"github.com/tasdeeq/tasdeeq/outbox"
	"github.com/tasdeeq/tasdeeq/redflags"
)

// chatUser is the user id of the person at the terminal.
const chatUser = 1

// keyboardChoice marks a numbered choice that stands for a keyboard button, which sends text.
const keyboardChoice = "\x00kb:"

// terminal is how the chat shows one channel: what a typed message and a pressed choice are, and
// how the bot's replies look (numbered choices).
type terminal interface {
	// typed is the input of a message typed at the prompt.
	typed(text string) dialogs.Input
	// pressed is the input of the n-th choice shown last (1-based); ok is false past them.
	pressed(n int) (in dialogs.Input, ok bool)
	// show prints a step's outputs and remembers their choices.
	show(w io.Writer, outs []dialogs.Output)
}

// runChat talks to the same dialogs as the bot, in the terminal: a message ends at an empty line
// (so an ad can be pasted whole), a /command or the number of a button is sent at once. With
// --channel whatsapp the replies are shown as a WhatsApp user gets them.
func runChat(ctx context.Context, args []string, env environment, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("chat")
	lang := fs.String("lang", "", "language to start in: en or ur (default: ask)")
	channel := fs.String("channel", "telegram", "show the replies as on telegram or whatsapp")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	deps, closeDeps, err := newDeps(ctx, env)
	if err != nil {
		return err
	}
	defer closeDeps()
	var term terminal
	user := int64(chatUser)
	switch *channel {
	case "telegram":
		term = &telegramTerminal{}
	case "whatsapp":
		if user, err = outbox.WhatsAppChat(terminalWaID); err != nil {
			return err
		}
		term = &whatsappTerminal{bundle: deps.Bundle, lang: *lang}
	default:
		return fmt.Errorf("%w: --channel must be telegram or whatsapp", errUsage)
	}
	s := dialogs.Session{Lang: locales.Lang(*lang)}
	send := func(in dialogs.Input) error {
		in.ChatID, in.UserID = user, user
		var outs []dialogs.Output
		var err error
		s, outs, err = dialogs.Step(ctx, deps, s, in)
		if err != nil {
			return err
		}
		term.show(stdout, outs)
		return nil
	}
	fmt.Fprintln(stdout, "Tasdeeq chat. Paste an ad and press Enter on an empty line to send it; type a button's number to press it; /help for help; Ctrl-D to quit.")
	if err := send(dialogs.Input{Kind: dialogs.Command, Command: "start", LanguageCode: *lang}); err != nil {
		return err
	}
	r := bufio.NewReader(stdin)
	var pending []string
	for {
		fmt.Fprint(stdout, "> ")
		line, err := r.ReadString('\n')
		eof := err == io.EOF
		if err != nil && !eof {
			return fmt.Errorf("read input: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		var in *dialogs.Input
		switch trimmed := strings.TrimSpace(line); {
		case len(pending) == 0 && strings.HasPrefix(trimmed, "/"):
			typed := term.typed(trimmed)
			in = &typed
		case len(pending) == 0 && isChoice(trimmed):
			n, _ := strconv.Atoi(trimmed)
			if pressed, ok := term.pressed(n); ok {
				in = &pressed
			} else {
				pending = append(pending, line)
			}
		case trimmed == "" || eof:
			if trimmed != "" {
				pending = append(pending, line)
			}
			if len(pending) > 0 {
				typed := term.typed(strings.Join(pending, "\n"))
				in = &typed
				pending = nil
			}
		default:
			pending = append(pending, line)
		}
		if in != nil {
			if err := send(*in); err != nil {
				return err
			}
		}
		if eof {
			fmt.Fprintln(stdout)
			return nil
		}
	}
}

// telegramTerminal shows replies as Telegram does: inline buttons in rows, numbered.
type telegramTerminal struct{ buttons []dialogs.Button }

func (t *telegramTerminal) typed(text string) dialogs.Input {
	if strings.HasPrefix(text, "/") && !strings.Contains(text, "\n") {
		name, rest, _ := strings.Cut(text[1:], " ")
		return dialogs.Input{Kind: dialogs.Command, Command: strings.ToLower(name), Args: strings.TrimSpace(rest)}
	}
	return dialogs.Input{Kind: dialogs.Text, Text: text}
}

func (t *telegramTerminal) pressed(n int) (dialogs.Input, bool) {
	if n < 1 || n > len(t.buttons) {
		return dialogs.Input{}, false
	}
	b := t.buttons[n-1]
	if text, ok := strings.CutPrefix(b.Data, keyboardChoice); ok {
		return dialogs.Input{Kind: dialogs.Text, Text: text}, true
	}
	return dialogs.Input{Kind: dialogs.Callback, CallbackID: "terminal", Data: b.Data}, true
}

func (t *telegramTerminal) show(w io.Writer, outs []dialogs.Output) {
	t.buttons = printOutputs(w, outs)
}

// isChoice says whether a line is a number, which presses a choice when one has that number.
func isChoice(s string) bool {
	k, err := strconv.Atoi(s)
	return err == nil && k >= 1 && k <= 99
}

// printOutputs shows a step's messages with their buttons numbered, and returns the buttons.
func printOutputs(w io.Writer, outs []dialogs.Output) []dialogs.Button {
	var all []dialogs.Button
	for _, o := range outs {
		switch o.Kind {
		case dialogs.SendMessage:
			fmt.Fprintf(w, "\n%s\n", o.Text)
			for _, k := range o.Keyboard {
				// A keyboard button sends its text; sharing a phone number needs Telegram.
				all = append(all, dialogs.Button{Text: k.Text, Data: keyboardChoice + k.Text})
				fmt.Fprintf(w, "  [%d] %s\n", len(all), k.Text)
			}
			for _, row := range o.Buttons {
				var cells []string
				for _, b := range row {
					all = append(all, b)
					cells = append(cells, fmt.Sprintf("[%d] %s", len(all), b.Text))
				}
				fmt.Fprintln(w, "  "+strings.Join(cells, "   "))
			}
		case dialogs.AnswerCallback:
			if o.Text != "" {
				fmt.Fprintf(w, "(%s)\n", o.Text)
			}
		case dialogs.Refer:
			fmt.Fprintf(w, "(%s)\n", "The terminal chat keeps no reports and sends none: this one goes nowhere.")
		case dialogs.ForgetUser, dialogs.Checked, dialogs.ConfirmCase, dialogs.DismissCase:
			// The terminal keeps nothing but the session in memory, which Step has emptied, and
			// counts nothing.
		}
	}
	fmt.Fprintln(w)
	return all
}

// newDeps opens what the dialogs need: the register (Redis or embedded, seeded when empty), the
// analyser and the messages.
func newDeps(ctx context.Context, env environment) (dialogs.Deps, func(), error) {
	store, closeStore, err := openStore(ctx, env)
	if err != nil {
		return dialogs.Deps{}, nil, err
	}
	analyzer, err := redflags.New(nil)
	if err != nil {
		closeStore()
		return dialogs.Deps{}, nil, err
	}
	bundle, err := locales.New()
	if err != nil {
		closeStore()
		return dialogs.Deps{}, nil, err
	}
	directory, err := offices.Load(env.getenv("TASDEEQ_HELP_DIRECTORY"))
	if err != nil {
		closeStore()
		return dialogs.Deps{}, nil, err
	}
	return dialogs.Deps{Analyzer: analyzer, Register: store, Bundle: bundle, Now: time.Now, Offices: directory}, closeStore, nil
}
