// `demo` runs the local demo (it hosts LocalCluster, so it lives here, beside the controller it starts); anything
// else is the controller's own command line.
return args is ["demo", ..]
    ? await CanaryFlow.Controller.Demo.DemoCommand.RunAsync(args[1..]).ConfigureAwait(false)
    : await CanaryFlow.Controller.Hosting.ControllerCommand.RunAsync(args).ConfigureAwait(false);
