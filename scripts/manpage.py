#!/usr/bin/env python3
"""Writes mltutor's manual page (man(7) markup) from the command definitions.

Usage: mltutor --experimental-dump-help | scripts/manpage.py VERSION > mltutor.1

The argument parser describes every command, option and argument as JSON; this script turns
that description into the page, so the page says what `--help` says and never drifts from it.
"""
import json
import sys


def escape(text):
    """Text safe in a roff line: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line[:1] in (".", "'") else line for line in text.split("\n"))


def paragraph(text):
    """Blank lines in `text` start new paragraphs; indented lines (examples) keep their lines."""
    parts = []
    for part in text.split("\n\n"):
        lines, block, indented = [], [], False
        for line in part.strip("\n").split("\n"):
            if line.startswith("  ") != indented and block:
                lines += [".nf"] + block + [".fi"] if indented else block
                block = []
            indented = line.startswith("  ")
            block.append(escape(line.strip() if not indented else line))
        if block:
            lines += [".nf"] + block + [".fi"] if indented else block
        if lines:
            parts.append("\n".join(lines))
    return "\n.PP\n".join(parts)


def name_text(name):
    return ("-" if name["kind"] == "short" else "--") + name["name"]


def argument_label(argument):
    value = argument.get("valueName") or "value"
    if argument["kind"] == "positional":
        label = f"\\fI{escape(value)}\\fR"
        return label + (" ..." if argument.get("isRepeating") else "")
    names = ", ".join(f"\\fB{escape(name_text(n))}\\fR" for n in argument.get("names", []))
    if argument["kind"] == "option":
        names += f" \\fI{escape(value)}\\fR"
    return names


def arguments(command):
    lines = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        lines += [".TP", argument_label(argument)]
        text = argument.get("abstract", "")
        if argument.get("discussion"):
            text += "\n\n" + argument["discussion"]
        if argument.get("allValues"):
            text += f" (one of: {', '.join(argument['allValues'])})"
        if argument.get("defaultValue") is not None:
            text += f" (default: {argument['defaultValue']})"
        lines.append(paragraph(text) or "\\&")
    return lines


def command_section(command, path):
    """The lines for `command` (reached by the names in `path`) and its subcommands."""
    if not command.get("shouldDisplay", True) or command["commandName"] == "help":
        return []
    full = " ".join(path + [command["commandName"]])
    lines = [f'.SS "{escape(full)}"']
    if command.get("abstract"):
        lines.append(paragraph(command["abstract"]))
    if command.get("discussion"):
        lines += [".PP", paragraph(command["discussion"])]
    lines += arguments(command)
    for sub in command.get("subcommands", []):
        lines += command_section(sub, path + [command["commandName"]])
    return lines


def page(dump, version):
    root = dump["command"]
    name = root["commandName"]
    lines = [
        f'.TH {name.upper()} 1 "" "{escape(name)} {escape(version)}" "User Commands"',
        ".SH NAME",
        f"{escape(name)} \\- {escape(root.get('abstract', ''))}",
        ".SH SYNOPSIS",
        f".B {escape(name)}",
        "[\\fIcommand\\fR] [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        paragraph(root.get("discussion", "")),
    ]
    default = root.get("defaultSubcommand")
    if default:
        lines += [".PP", escape(f"With no command, {name} runs `{name} {default}`.")]
    lines += [".SH OPTIONS"] + arguments(root)
    lines.append(".SH COMMANDS")
    for sub in root.get("subcommands", []):
        lines += command_section(sub, [name])
    lines += [".SH VERSION", escape(f"This page describes {name} {version}.")]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mltutor --experimental-dump-help | scripts/manpage.py VERSION > mltutor.1")
    try:
        dump = json.load(sys.stdin)
        sys.stdout.write(page(dump, sys.argv[1]))
    except (ValueError, KeyError) as error:
        sys.exit(f"manpage.py: the command description is not what was expected ({error})")


if __name__ == "__main__":
    main()
