namespace ModelDsl.Vision;

/// <summary>Which side of a validation split a dataset reads (Keras's <c>subset</c>).</summary>
public enum Subset
{
    /// <summary>The images not held out; augmentation applies here.</summary>
    Training,

    /// <summary>The held-out images; never augmented.</summary>
    Validation,
}
