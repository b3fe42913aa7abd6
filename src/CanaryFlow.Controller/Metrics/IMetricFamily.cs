namespace CanaryFlow.Controller.Metrics;

/// <summary>What the registry needs of a metric of any type to expose it.</summary>
internal interface IMetricFamily
{
    string Name { get; }

    /// <summary>Writes HELP, TYPE and every series; nothing for a metric with no series yet.</summary>
    void WriteTo(TextWriter writer);
}
