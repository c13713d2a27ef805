return ModelDsl.Cli.CliApp.Run(args, Console.Out, Console.Error);
