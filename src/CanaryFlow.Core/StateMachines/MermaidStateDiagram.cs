using System.Text;

namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// Renders a machine as a Mermaid <c>stateDiagram-v2</c>. Each state's block holds its description lines
/// (<c>entry /</c>, <c>exit /</c> and ignored triggers, drawn inside the state box) and then its outgoing
/// transitions, one per line, in configuration order. Lines end in <c>\n</c> on every OS, so the text can be
/// compared with a checked-in file. Descriptions are written as given except for the few characters Mermaid
/// would read as syntax, which become entity codes (<c>;</c> as <c>#59;</c>, for example).
/// </summary>
public static class MermaidStateDiagram
{
    private const string _indent = "    ";

    public static string Render<TState, TTrigger>(StateMachineDescription<TState, TTrigger> description)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(description);
        var diagram = new StringBuilder("stateDiagram-v2\n");
        if (description.InitialState is { } initial)
        {
            AppendLine(diagram, $"[*] --> {initial}");
        }

        foreach (var state in description.States)
        {
            AppendState(diagram, state);
        }

        return diagram.ToString();
    }

    private static void AppendState<TState, TTrigger>(StringBuilder diagram, StateDescription<TState, TTrigger> state)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var lines = new List<string>();
        lines.AddRange(state.EntryActions.Select(action => $"{state.State} : entry / {Escape(action)}"));
        lines.AddRange(state.ExitActions.Select(action => $"{state.State} : exit / {Escape(action)}"));
        lines.AddRange(state.Transitions
            .Where(transition => transition.Kind == TransitionKind.Ignored)
            .Select(transition => $"{state.State} : ignores {transition.Trigger}{GuardLabel(transition)}"));
        var arrows = state.Transitions
            .Where(transition => transition.Kind != TransitionKind.Ignored)
            .Select(transition => $"{transition.Source} --> {transition.Destination} : {transition.Trigger}{GuardLabel(transition)}")
            .ToList();

        // A state without description lines or outgoing arrows would otherwise appear only if something enters it.
        if (lines.Count == 0 && arrows.Count == 0)
        {
            lines.Add($"{state.State}");
        }

        foreach (var line in lines.Concat(arrows))
        {
            AppendLine(diagram, line);
        }
    }

    private static string GuardLabel<TState, TTrigger>(TransitionDescription<TState, TTrigger> transition)
        where TState : struct, Enum
        where TTrigger : struct, Enum =>
        transition.Guard is { } guard ? $" [{Escape(guard)}]"
        : transition.IsFallback ? " [else]"
        : "";

    // ';' ends a statement and '#' starts an entity code; '<' and '>' would be taken for HTML when the label is drawn.
    // One pass, because the codes themselves contain '#' and ';'.
    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("#;<>") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (character is '#' or ';' or '<' or '>')
            {
                escaped.Append('#').Append((int)character).Append(';');
            }
            else
            {
                escaped.Append(character);
            }
        }

        return escaped.ToString();
    }

    private static void AppendLine(StringBuilder diagram, string line) => diagram.Append(_indent).Append(line).Append('\n');
}
