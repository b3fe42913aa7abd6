namespace CanaryFlow.Cli.Rendering;

/// <summary>How a phase looks at a glance: an icon that survives without colour, and a colour where there is some.</summary>
internal static class PhaseStyle
{
    public static string Icon(string phase) => phase switch
    {
        "Healthy" or "Successful" => "✔",
        "Progressing" or "Running" or "Pending" => "◌",
        "Paused" or "Inconclusive" => "॥",
        "Degraded" or "Failed" or "Error" => "✖",
        _ => "?",
    };

    public static string Color(string phase) => phase switch
    {
        "Healthy" or "Successful" => "green",
        "Progressing" or "Running" or "Pending" => "blue",
        "Paused" or "Inconclusive" => "yellow",
        "Degraded" or "Failed" or "Error" => "red",
        _ => "grey",
    };
}
