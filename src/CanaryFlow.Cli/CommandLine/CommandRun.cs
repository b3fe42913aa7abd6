using System.CommandLine;
using CanaryFlow.Cli.Errors;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>
/// The frame of every command's action: whatever goes wrong becomes one line on stderr and exit code 1, and an
/// interrupt (Ctrl+C during --watch) ends quietly.
/// </summary>
internal static class CommandRun
{
    public const int Failure = 1;

    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync(ErrorLine.For(e)).ConfigureAwait(false);
                return Failure;
            }
        });
    }
}
