namespace CanaryFlow.Core.Analysis;

/// <summary>The phase names of runs, metrics and measurements, and which is worse (the run takes its worst metric's).</summary>
public static class AnalysisPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Successful = "Successful";
    public const string Failed = "Failed";
    public const string Error = "Error";
    public const string Inconclusive = "Inconclusive";

    public static bool IsCompleted(string? phase) => phase is Successful or Failed or Error or Inconclusive;

    /// <summary>Successful &lt; Pending &lt; Running &lt; Inconclusive &lt; Error &lt; Failed.</summary>
    public static int Severity(string? phase) => phase switch
    {
        Successful => 0,
        Pending or null => 1,
        Running => 2,
        Inconclusive => 3,
        Error => 4,
        Failed => 5,
        _ => 1,
    };
}
