// Command tasdeeq checks overseas job ads for Pakistani jobseekers: the analyser on the command
// line, the licence register, and (with serve and chat) the Telegram bot.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tasdeeq:", err)
		os.Exit(1)
	}
}
