using System.Diagnostics;
using System.Globalization;

namespace CanaryFlow.Controller.Demo;

/// <summary>The demo's narration: each line stamped with the time since the demo started, written whole from any thread.</summary>
public sealed class StoryWriter(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Line(string text)
    {
        lock (_lock)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1}s] {text}"));
            output.Flush();
        }
    }

    /// <summary>A stage's title, set apart from the progress lines.</summary>
    public void Stage(string title)
    {
        lock (_lock)
        {
            output.WriteLine();
            output.WriteLine("== " + title);
            output.Flush();
        }
    }

    /// <summary>Text shown as it is (git show --stat, the --keep instructions), indented.</summary>
    public void Block(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_lock)
        {
            foreach (var line in text.TrimEnd().Split('\n'))
            {
                output.WriteLine("    " + line);
            }

            output.Flush();
        }
    }
}
