using Spectre.Console;
using Spectre.Console.Rendering;

namespace CanaryFlow.Cli.Output;

/// <summary>The Spectre console the plugin draws on: colour and width from the terminal, plain and wide when piped.</summary>
internal static class TerminalConsole
{
    /// <summary>When stdout is a pipe or file nothing tells the width: lines are kept whole so scripts can grep them.</summary>
    private const int _pipedWidth = 250;

    public static IAnsiConsole Create(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = _pipedWidth;
        }

        return console;
    }

    /// <summary>
    /// Writes a view. Into a pipe it goes as plain text without the padding Spectre adds to fill columns, so a line
    /// ends where its text ends.
    /// </summary>
    public static void Write(TextWriter output, IRenderable view)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Console.IsOutputRedirected)
        {
            Create(output).Write(view);
            return;
        }

        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(buffer) });
        console.Profile.Width = _pipedWidth;
        console.Write(view);
        foreach (var line in buffer.ToString().TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.TrimEnd());
        }
    }
}
