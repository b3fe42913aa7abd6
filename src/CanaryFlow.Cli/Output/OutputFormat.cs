namespace CanaryFlow.Cli.Output;

/// <summary>kubectl's -o: the human view, or the objects themselves as JSON or YAML.</summary>
internal enum OutputFormat
{
    Human,
    Json,
    Yaml,
}
