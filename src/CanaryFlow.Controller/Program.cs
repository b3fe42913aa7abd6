return await CanaryFlow.Controller.ControllerCommand.RunAsync(args).ConfigureAwait(false);
