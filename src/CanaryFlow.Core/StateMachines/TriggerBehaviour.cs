namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// One Permit, PermitReentry or Ignore declared in a state, guarded or not. For reentry and ignore the destination
/// is the state itself.
/// </summary>
internal sealed record TriggerBehaviour<TState, TTrigger, TContext>(
    TState Source,
    TTrigger Trigger,
    TransitionKind Kind,
    TState Destination,
    Func<TContext, bool>? Guard,
    string? GuardDescription)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public bool IsGuarded => Guard is not null;

    public bool Applies(TContext context) => Guard is null || Guard(context);

    /// <summary>How the behaviour was declared, for configuration error messages.</summary>
    public string Declaration
    {
        get
        {
            var guarded = IsGuarded ? "If" : "";
            var declaration = Kind switch
            {
                TransitionKind.Permitted => $"Permit{guarded}({Trigger} -> {Destination})",
                TransitionKind.Reentry => $"PermitReentry{guarded}({Trigger})",
                _ => $"Ignore{guarded}({Trigger})",
            };
            return IsGuarded ? $"{declaration} [{GuardDescription}]" : declaration;
        }
    }
}
