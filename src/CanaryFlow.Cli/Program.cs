return await CanaryFlow.Cli.CommandLine.PluginCommand.RunAsync(args).ConfigureAwait(false);
