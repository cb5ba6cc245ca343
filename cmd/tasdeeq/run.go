package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// logOutput is where logs go; tests capture it to prove no secret or user text is logged.
var logOutput io.Writer = stderr

var stderr io.Writer = os.Stderr

// errUsage marks an error caused by how the command was called; run prints the usage with it.
var errUsage = errors.New("usage")

const usage = `tasdeeq — check overseas job ads before paying anyone

Commands:
  tasdeeq serve [--polling]                                         the bot: webhook service (or getUpdates) and sender
  tasdeeq webhook set --url https://...                             register the webhook and the command menus
  tasdeeq chat [--lang en|ur]                                       talk to the bot's dialogs in the terminal
  tasdeeq check [--json] [--jsonl] [--licences FILE] [--lang en|ur]   analyse an ad from standard input
  tasdeeq links new --mrc LHR --label "Job fair" [--licence 9848/LHR] [--qr FILE.png]
  tasdeeq campaign send FILE.toml                                   queue an awareness message to the subscribers
  tasdeeq referrals list [--status dead] | show ID | retry ID         inspect and requeue referral cases
  tasdeeq counsellors add USERNAME --mrc LHR [--role counsellor|admin] [--telegram ID]   password on stdin
  tasdeeq counsellors list | disable USERNAME | enable USERNAME | passwd USERNAME | telegram USERNAME ID
  tasdeeq licences import FILE                                      import a register CSV snapshot
  tasdeeq licences lookup NUMBER [--json]                           look a licence up by number
  tasdeeq licences search NAME [--json]                             search the register by agency name

Environment: REDIS_URL (empty: embedded in-memory Redis), TASDEEQ_LICENCES (register CSV imported
when the register is empty; default: the bundled sample of fictitious agencies).
`

// run is the whole program; main only calls it, so tests run the real thing.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	red := &redactor{}
	red.add(getenv("TELEGRAM_TOKEN"), getenv("TELEGRAM_WEBHOOK_SECRET"), getenv("TASDEEQ_ADMIN_TOKEN"), getenv("REFERRAL_SECRET"))
	red.add(getenv("WHATSAPP_TOKEN"), getenv("WHATSAPP_APP_SECRET"), getenv("WHATSAPP_VERIFY_TOKEN"))
	logger := slog.New(slog.NewTextHandler(logOutput, &slog.HandlerOptions{Level: logLevel(getenv("TASDEEQ_LOG_LEVEL")), ReplaceAttr: red.replaceAttr}))
	if len(args) < 2 {
		fmt.Fprint(stdout, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	env := environment{getenv: getenv, logger: logger, redact: red}
	var err error
	switch args[1] {
	case "check":
		env.oneShot = true
		err = runCheck(ctx, args[2:], env, stdin, stdout)
	case "serve":
		err = runServe(ctx, args[2:], env, stdout)
	case "webhook":
		err = runWebhook(ctx, args[2:], env, stdout)
	case "links":
		err = runLinks(ctx, args[2:], env, stdout)
	case "campaign":
		err = runCampaign(ctx, args[2:], env, stdout)
	case "referrals":
		err = runReferrals(ctx, args[2:], env, stdout)
	case "counsellors":
		err = runCounsellors(ctx, args[2:], env, stdin, stdout)
	case "chat":
		env.oneShot = true
		err = runChat(ctx, args[2:], env, stdin, stdout)
	case "loadtest":
		err = runLoadtest(ctx, args[2:], env, stdout)
	case "licences", "licenses":
		err = runLicences(ctx, args[2:], env, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[1])
	}
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
	}
	return err
}

// environment is what every command gets: the configuration source and the logger.
type environment struct {
	getenv func(string) string
	logger *slog.Logger
	// redact learns the secrets given as flags, so they are scrubbed from logs too.
	redact *redactor
	// oneShot is set for commands that answer and exit, such as check: notes that matter for a
	// long-running service (state lost on restart) are only debug output there.
	oneShot bool
}

// level is the level for a note that is worth lvl in a service.
func (e environment) level(lvl slog.Level) slog.Level {
	if e.oneShot {
		return slog.LevelDebug
	}
	return lvl
}

func logLevel(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseInterspersed parses flags that may come before or after positional arguments
// ("licences lookup 9848/LHR --json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %w", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
