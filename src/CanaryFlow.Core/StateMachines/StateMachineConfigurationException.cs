namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// <c>Build()</c> found mistakes in the configuration. All of them are listed at once, so that fixing a machine
/// does not take one build per mistake.
/// </summary>
public sealed class StateMachineConfigurationException : Exception
{
    public StateMachineConfigurationException(IReadOnlyList<string> problems)
        : base("The state machine configuration is invalid:" + string.Concat(problems.Select(problem => "\n- " + problem)))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
