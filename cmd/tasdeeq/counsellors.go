package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tasdeeq/tasdeeq/accounts"
	"github.com/tasdeeq/tasdeeq/internal/auth"
)

// runCounsellors is `tasdeeq counsellors add|list|disable|enable|passwd|telegram`: the web
// console's accounts, in the Redis of REDIS_URL. Passwords are read from standard input (the
// first line), never from a flag, so they stay out of shell history and process lists. Every
// change is written to the audit log as done by "cli".
func runCounsellors(ctx context.Context, args []string, env environment, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: counsellors needs add, list, disable, enable, passwd or telegram", errUsage)
	}
	fs := newFlags("counsellors " + args[0])
	mrc := fs.String("mrc", "", "add: the code of the account's Migrant Resource Centre, like LHR")
	role := fs.String("role", "counsellor", "add: counsellor or admin")
	telegram := fs.Int64("telegram", 0, "add: the Telegram user id of the account's holder, for /review in the bot")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	url := env.getenv("REDIS_URL")
	if url == "" {
		// An account in the embedded Redis would vanish when this command exits.
		return fmt.Errorf("%w: counsellors needs REDIS_URL, the Redis that tasdeeq serve uses", errUsage)
	}
	rdb, closeRedis, err := openRedis(ctx, env, url)
	if err != nil {
		return err
	}
	defer closeRedis()
	store, audit := accounts.NewStore(rdb), accounts.NewAudit(rdb, nil)
	sessions := auth.NewSessions(rdb, 0, 0, nil)
	one := func() (string, error) {
		if len(pos) != 1 {
			return "", fmt.Errorf("%w: counsellors %s takes one username", errUsage, args[0])
		}
		return pos[0], nil
	}
	logged := func(action, who, detail string) error {
		return audit.Record(ctx, accounts.Entry{Who: "cli", Action: action, Object: who, Detail: detail})
	}
	switch args[0] {
	case "add":
		name, err := one()
		if err != nil {
			return err
		}
		if *mrc == "" {
			return fmt.Errorf("%w: counsellors add needs --mrc, like --mrc LHR", errUsage)
		}
		r, err := accounts.ParseRole(*role)
		if err != nil {
			return err
		}
		password, err := readPassword(stdin)
		if err != nil {
			return err
		}
		a, err := store.Add(ctx, accounts.Account{Username: name, MRC: *mrc, Role: r, TelegramID: *telegram}, password)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Added %s (%s, %s). Log in at /console/login.\n", a.Username, a.Role, a.MRC)
		return logged(accounts.ActionAccountAdd, a.Username, string(a.Role)+" "+a.MRC)
	case "list":
		list, err := store.List(ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(stdout, "No accounts. Add one with: tasdeeq counsellors add USERNAME --mrc LHR < password.txt")
		}
		for _, a := range list {
			state, tg := "enabled", "-"
			if a.Disabled {
				state = "disabled"
			}
			if a.TelegramID != 0 {
				tg = strconv.FormatInt(a.TelegramID, 10)
			}
			fmt.Fprintf(stdout, "%-20s %-10s %-6s %-8s telegram %-12s since %s\n", a.Username, a.Role, a.MRC, state, tg, a.CreatedAt.Format("2006-01-02"))
		}
		return nil
	case "disable", "enable":
		name, err := one()
		if err != nil {
			return err
		}
		if err := store.SetDisabled(ctx, name, args[0] == "disable"); err != nil {
			return err
		}
		action := accounts.ActionAccountEnable
		if args[0] == "disable" {
			action = accounts.ActionAccountDisable
			if err := sessions.EndAll(ctx, strings.ToLower(name)); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "%s %sd.\n", strings.ToLower(name), args[0])
		return logged(action, strings.ToLower(name), "")
	case "passwd":
		name, err := one()
		if err != nil {
			return err
		}
		password, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if err := store.SetPassword(ctx, name, password); err != nil {
			return err
		}
		// Whoever knew the old password is logged out with it.
		if err := sessions.EndAll(ctx, strings.ToLower(name)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Password of %s changed; its sessions are ended.\n", strings.ToLower(name))
		return logged(accounts.ActionPassword, strings.ToLower(name), "")
	case "telegram":
		if len(pos) != 2 {
			return fmt.Errorf("%w: counsellors telegram USERNAME TELEGRAM_USER_ID (0 unlinks)", errUsage)
		}
		id, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			return fmt.Errorf("%w: %q is not a Telegram user id", errUsage, pos[1])
		}
		if err := store.LinkTelegram(ctx, pos[0], id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s linked to Telegram user %d.\n", strings.ToLower(pos[0]), id)
		return logged(accounts.ActionTelegramLink, strings.ToLower(pos[0]), "")
	}
	return fmt.Errorf("%w: unknown counsellors command %q", errUsage, args[0])
}

// readPassword is the first line of standard input, without its line ending.
func readPassword(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("%w: give the password on standard input (first line), for example echo 'a long passphrase' | tasdeeq counsellors passwd USERNAME", errUsage)
	}
	return line, nil
}
