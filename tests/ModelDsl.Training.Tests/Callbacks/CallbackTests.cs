using ModelDsl.Training.Callbacks;

namespace ModelDsl.Training.Tests.Callbacks;

public sealed class CallbackTests
{
    [Fact]
    public void Early_stopping_waits_patience_epochs_then_stops_and_restores_the_best()
    {
        var session = new ScriptedSession();
        var stop = new EarlyStopping("val_loss", patience: 2, restoreBestWeights: true);

        var ran = session.Run(stop, "val_loss", 0.9, 0.5, 0.6, 0.55, 0.4, 0.3);

        Assert.Equal(4, ran);
        Assert.Equal(3, stop.StoppedEpoch);
        Assert.Equal(1, stop.BestEpoch);
        Assert.Equal(1, session.Weights);
    }

    [Fact]
    public void Early_stopping_min_delta_ignores_tiny_improvements_and_max_mode_follows_accuracy()
    {
        var session = new ScriptedSession();
        var stop = new EarlyStopping("val_accuracy", minDelta: 0.01, patience: 1);

        var ran = session.Run(stop, "val_accuracy", 0.80, 0.805, 0.9);

        Assert.Equal(2, ran);
        Assert.Equal(0.80, stop.Best);
    }

    [Fact]
    public void A_missing_monitored_value_says_what_is_logged()
    {
        var session = new ScriptedSession();
        var e = Assert.Throws<InvalidOperationException>(() => session.Run(new EarlyStopping("val_loss"), "accuracy", 0.5));
        Assert.Contains("'val_loss'", e.Message);
        Assert.Contains("loss, accuracy", e.Message);
        Assert.Contains("validation", e.Message);
    }

    [Fact]
    public void Reduce_lr_on_plateau_multiplies_the_rate_after_patience_with_cooldown_and_floor()
    {
        var session = new ScriptedSession { LearningRate = 1.0 };
        var rates = new List<double>();
        var plateau = new ReduceLROnPlateau("val_loss", factor: 0.5, patience: 1, cooldown: 2, minLearningRate: 0.3);
        var recorder = new LambdaCallback(onEpochEnd: (_, _) => rates.Add(session.LearningRate));

        plateau.Attach(session);
        recorder.Attach(session);
        plateau.OnTrainBegin(new Logs());
        foreach (var (loss, epoch) in new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }.Select((v, i) => (v, i)))
        {
            var logs = new Logs { ["val_loss"] = loss };
            plateau.OnEpochEnd(epoch, logs);
            recorder.OnEpochEnd(epoch, logs);
        }

        // Epoch 0 sets the best; 1 reduces (patience 1); 2 rests (Keras counts the cooldown down at epochs 2 and 3,
        // and epoch 3 already counts again); 3 reduces to the floor 0.3.
        Assert.Equal([1.0, 0.5, 0.5, 0.3, 0.3, 0.3], rates);
    }

    [Fact]
    public void Learning_rate_scheduler_sets_the_rate_per_epoch_and_logs_it()
    {
        var session = new ScriptedSession { LearningRate = 0.1 };
        var schedule = new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr * 0.1);
        schedule.Attach(session);
        var logged = new List<double>();
        for (var epoch = 0; epoch < 4; epoch++)
        {
            schedule.OnEpochBegin(epoch, new Logs());
            var logs = new Logs();
            schedule.OnEpochEnd(epoch, logs);
            logged.Add(logs["lr"]);
        }
        Assert.Equal(0.1, logged[1], 12);
        Assert.Equal(0.01, logged[2], 12);
        Assert.Equal(0.001, logged[3], 12);
    }

    [Fact]
    public void Best_only_checkpoint_writes_improvements_with_the_pattern_filled_in()
    {
        using var dir = new TempDir();
        var session = new ScriptedSession();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "ckpt-{epoch:02d}-{val_loss:.4f}.pt"), saveBestOnly: true);

        session.Run(checkpoint, "val_loss", 0.9, 0.5, 0.7, 0.45, 0.6);

        Assert.Equal([0, 1, 3], session.Saved.Select(s => s.Epoch));
        Assert.Equal(Path.Combine(dir.Path, "ckpt-04-0.4500.pt"), checkpoint.BestPath);
        Assert.Equal(3, checkpoint.BestEpoch);
        Assert.Equal("weights of epoch 3", File.ReadAllText(checkpoint.BestPath!));
    }

    [Fact]
    public void Best_only_checkpoint_saves_its_best_value_and_a_resumed_run_keeps_it()
    {
        using var dir = new TempDir();
        var first = new ScriptedSession();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "best.pt"), saveBestOnly: true);
        first.Run(checkpoint, "val_loss", 0.9, 0.5);
        Assert.Equal(0.5, first.SavedValues[^1]!["ModelCheckpoint.best.val_loss"]);

        // After a restart the next epochs are worse than 0.5 until the third: only that one may overwrite.
        var resumed = new ScriptedSession { ResumedValues = new() { ["ModelCheckpoint.best.val_loss"] = 0.5 } };
        var again = new ModelCheckpoint(Path.Combine(dir.Path, "best.pt"), saveBestOnly: true);
        resumed.Run(again, "val_loss", 0.7, 0.6, 0.4);

        Assert.Equal([2], resumed.Saved.Select(s => s.Epoch));
        Assert.Equal(0.4, again.Best);
    }

    [Fact]
    public void Csv_logger_writes_a_header_and_one_flushed_row_per_epoch()
    {
        using var dir = new TempDir();
        var path = dir.File("log.csv");
        new ScriptedSession().Run(new CsvLogger(path), "val_loss", 0.5, 0.25);

        var lines = File.ReadAllLines(path);
        Assert.Equal(["epoch,loss,val_loss", "0,1,0.5", "1,0.5,0.25"], lines);
    }

    [Theory]
    [InlineData("ckpt-{epoch:02d}.pt", "ckpt-07.pt")]
    [InlineData("m-{epoch}-{val_loss:.3f}-{accuracy:.2f}", "m-7-0.123-0.90")]
    [InlineData("w{epoch:3d}", "w  7")]
    [InlineData("e{loss:.2e}", "e1.50e-03")]
    public void Path_patterns_follow_python_format_specs(string pattern, string expected)
    {
        var logs = new Logs { ["val_loss"] = 0.12345, ["accuracy"] = 0.9, ["loss"] = 0.0015 };
        Assert.Equal(expected, PathPattern.Format(pattern, 6, logs));
    }

    [Theory]
    [InlineData("ckpt-{val_acc}.pt", "'{val_acc}'")]
    [InlineData("ckpt-{epoch:x}.pt", "Unknown format 'x'")]
    [InlineData("ckpt-{epoch.pt", "Unmatched '{'")]
    public void Bad_path_patterns_say_what_is_wrong(string pattern, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PathPattern.Format(pattern, 0, new Logs { ["loss"] = 1 }));
        Assert.Contains(message, e.Message);
    }
}
