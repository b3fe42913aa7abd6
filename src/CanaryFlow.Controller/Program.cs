return await CanaryFlow.Controller.Hosting.ControllerCommand.RunAsync(args).ConfigureAwait(false);
