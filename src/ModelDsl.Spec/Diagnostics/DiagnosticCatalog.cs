using System.Collections.Generic;

namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>
    /// Every diagnostic ModelDsl reports. Ids are stable: add new entries at the end, never renumber.
    /// </summary>
    public static class DiagnosticCatalog
    {
        private static SpecDiagnosticDescriptor E(string id, string title, string format, string help)
            => new SpecDiagnosticDescriptor(id, SpecSeverity.Error, title, format, help);

        /// <summary>MDSL001: the text does not follow the grammar.</summary>
        public static readonly SpecDiagnosticDescriptor ParseError = E("MDSL001", "Syntax error",
            "Syntax error: {0}", "See docs/mdsl-reference.md for the grammar.");

        /// <summary>MDSL002: a lowercase name that is not a layer.</summary>
        public static readonly SpecDiagnosticDescriptor UnknownLayer = E("MDSL002", "Unknown layer",
            "Unknown layer '{0}'", "Layer names are lowercase (conv2d, dense, maxpool2d, ...); blocks start with an uppercase letter.");

        /// <summary>MDSL003: an argument has the wrong type or an invalid value.</summary>
        public static readonly SpecDiagnosticDescriptor BadArgument = E("MDSL003", "Bad argument",
            "Argument '{0}' of {1}: {2}", "Check the argument's type and range in the layer reference.");

        /// <summary>MDSL004: too many or missing arguments.</summary>
        public static readonly SpecDiagnosticDescriptor WrongArgumentCount = E("MDSL004", "Wrong number of arguments",
            "{0} takes {1} but got {2}", "Pass the required arguments; optional ones can be given by name.");

        /// <summary>MDSL005: a named argument the layer or block does not declare.</summary>
        public static readonly SpecDiagnosticDescriptor UnknownArgument = E("MDSL005", "Unknown argument",
            "{0} has no argument named '{1}'", "Remove it or fix the spelling.");

        /// <summary>MDSL006: two modules with the same path, two parameters with the same name, or two definitions.</summary>
        public static readonly SpecDiagnosticDescriptor DuplicateName = E("MDSL006", "Duplicate name",
            "Duplicate name '{0}'", "Names of layers in one scope, parameters and models/blocks in one file must be unique.");

        /// <summary>MDSL007: a kernel or pool window larger than its (padded) input.</summary>
        public static readonly SpecDiagnosticDescriptor KernelLargerThanInput = E("MDSL007", "Kernel larger than input",
            "Layer '{0}' ({1}): kernel {2} is larger than the padded input {3} (input shape {4})", "Use a smaller kernel, 'same' padding, or remove a downsampling layer before it.");

        /// <summary>MDSL008: a dimension became zero or negative.</summary>
        public static readonly SpecDiagnosticDescriptor NonPositiveDimension = E("MDSL008", "Non-positive dimension",
            "Layer '{0}' ({1}): output shape {2} has a non-positive dimension (input shape {3})", "Dimensions must stay positive; check strides, kernels and sizes.");

        /// <summary>MDSL009: Dense applied to an image tensor.</summary>
        public static readonly SpecDiagnosticDescriptor DenseNeedsFlatten = E("MDSL009", "Dense needs a vector",
            "Layer '{0}' (Dense) expects a vector but got input shape {1}; insert flatten or globalavgpool2d before it", "Insert 'flatten' (or a global pooling layer) before the dense layer.");

        /// <summary>MDSL010: Add inputs differ.</summary>
        public static readonly SpecDiagnosticDescriptor AddShapeMismatch = E("MDSL010", "Add shape mismatch",
            "Layer '{0}' (Add): input shapes {1} and {2} differ", "Both branches must end in the same shape; project the shortcut (1x1 conv with stride) if needed.");

        /// <summary>MDSL011: Concatenate inputs differ off the concat axis.</summary>
        public static readonly SpecDiagnosticDescriptor ConcatShapeMismatch = E("MDSL011", "Concatenate shape mismatch",
            "Layer '{0}' (Concatenate): input shapes {1} and {2} differ outside axis {3}", "All inputs must agree on every dimension except the concatenation axis.");

        /// <summary>MDSL012: softmax somewhere else than the last layer.</summary>
        public static readonly SpecDiagnosticDescriptor SoftmaxNotLast = new SpecDiagnosticDescriptor("MDSL012", SpecSeverity.Warning, "Softmax not last",
            "Layer '{0}' applies softmax but is not the last layer", "Softmax belongs at the output; inside the network it usually saturates gradients.");

        /// <summary>MDSL013: an uppercase name that is not a block.</summary>
        public static readonly SpecDiagnosticDescriptor UnknownBlock = E("MDSL013", "Unknown block",
            "Unknown block '{0}'", "Define it with 'block {0}(...) {{ ... }}' in the same file.");

        /// <summary>MDSL014: an identifier in an expression that is not a parameter.</summary>
        public static readonly SpecDiagnosticDescriptor UnknownIdentifier = E("MDSL014", "Unknown identifier",
            "Unknown identifier '{0}'", "Only parameters of the enclosing model or block are in scope.");

        /// <summary>MDSL015: a layer needs a different input rank.</summary>
        public static readonly SpecDiagnosticDescriptor WrongInputRank = E("MDSL015", "Wrong input rank",
            "Layer '{0}' ({1}) expects a {2} input but got shape {3}", "Check the layers before it (flatten, global pooling, reshape).");

        /// <summary>MDSL016: Reshape target has a different element count.</summary>
        public static readonly SpecDiagnosticDescriptor ReshapeMismatch = E("MDSL016", "Reshape size mismatch",
            "Layer '{0}' (Reshape): cannot reshape {1} ({2} elements) to {3}", "The target shape must hold exactly as many elements as the input.");

        /// <summary>MDSL017: channels not divisible by groups.</summary>
        public static readonly SpecDiagnosticDescriptor GroupsMismatch = E("MDSL017", "Groups do not divide channels",
            "Layer '{0}' ({1}): {2} channels are not divisible by groups={3}", "Both input channels and filters must be multiples of groups.");

        /// <summary>MDSL018: a model without a valid input shape.</summary>
        public static readonly SpecDiagnosticDescriptor MissingInput = E("MDSL018", "Missing input shape",
            "Model '{0}' has no input shape; declare a parameter 'input = CxHxW'", "Example: model Net(input = 1x28x28) { ... }");

        /// <summary>MDSL019: a fork not followed by add/concatenate, or a merge with fewer than two inputs.</summary>
        public static readonly SpecDiagnosticDescriptor BadMerge = E("MDSL019", "Bad merge",
            "{0}", "Write 'fork add { ... } { ... }' or 'fork concat { ... } { ... }'; merge layers only appear as a fork's merge.");

        /// <summary>MDSL020: a block that (indirectly) calls itself.</summary>
        public static readonly SpecDiagnosticDescriptor RecursiveBlock = E("MDSL020", "Recursive block",
            "Block '{0}' calls itself (through {1})", "Blocks are expanded at compile time and cannot recurse.");

        /// <summary>MDSL021: an expression of the wrong type (e.g. 'if' on a number).</summary>
        public static readonly SpecDiagnosticDescriptor TypeMismatch = E("MDSL021", "Type mismatch",
            "Expected {0} but got {1}", "Check the expression's operands.");

        /// <summary>MDSL022: a file without any model.</summary>
        public static readonly SpecDiagnosticDescriptor NoModel = new SpecDiagnosticDescriptor("MDSL022", SpecSeverity.Warning, "No model",
            "File declares no model", "Add 'model Name(input = CxHxW) { ... }'.");

        /// <summary>MDSL023: too much expansion (huge repeat).</summary>
        public static readonly SpecDiagnosticDescriptor TooLarge = E("MDSL023", "Model too large",
            "Expansion stopped after {0} layers (repeat count or nesting too large)", "Reduce repeat counts.");

        /// <summary>MDSL024: a requested model name does not exist.</summary>
        public static readonly SpecDiagnosticDescriptor ModelNotFound = E("MDSL024", "Model not found",
            "Model '{0}' is not defined (available: {1})", "Pass one of the listed names.");

        /// <summary>MDSL025: an index outside a list or tuple.</summary>
        public static readonly SpecDiagnosticDescriptor IndexOutOfRange = E("MDSL025", "Index out of range",
            "Index {0} is out of range for {1} items", "Indices run from 0 to the length - 1 (negative ones count from the end).");

        /// <summary>MDSL026: Multiply inputs that do not broadcast.</summary>
        public static readonly SpecDiagnosticDescriptor MultiplyShapeMismatch = E("MDSL026", "Multiply shape mismatch",
            "Layer '{0}' (Multiply): input shapes {1} and {2} do not broadcast", "Each dimension must be equal or 1 in one of the inputs (squeeze-and-excitation scales [C, H, W] by [C, 1, 1]).");

        /// <summary>MDSL027: a <c>defaults</c> statement that cannot apply.</summary>
        public static readonly SpecDiagnosticDescriptor BadDefaults = E("MDSL027", "Bad defaults",
            "defaults {0}: {1}", "Write 'defaults layer(name=value, ...)' with named arguments of a layer.");

        /// <summary>MDSL028: a dimension, count or size too large for its type (shape arithmetic is checked, never saturated).</summary>
        public static readonly SpecDiagnosticDescriptor SizeOverflow = E("MDSL028", "Size overflow",
            "Layer '{0}' ({1}): {2} exceeds {3} (input shape {4})",
            "Shrink the input or downsample (strides, pooling, global pooling) before this layer: a dimension must fit 2,147,483,647 and a count or size in bytes 64 bits.");

        /// <summary>All entries, in id order.</summary>
        public static IReadOnlyList<SpecDiagnosticDescriptor> All { get; } = new[]
        {
            ParseError, UnknownLayer, BadArgument, WrongArgumentCount, UnknownArgument, DuplicateName,
            KernelLargerThanInput, NonPositiveDimension, DenseNeedsFlatten, AddShapeMismatch, ConcatShapeMismatch,
            SoftmaxNotLast, UnknownBlock, UnknownIdentifier, WrongInputRank, ReshapeMismatch, GroupsMismatch,
            MissingInput, BadMerge, RecursiveBlock, TypeMismatch, NoModel, TooLarge, ModelNotFound,
            IndexOutOfRange, MultiplyShapeMismatch, BadDefaults, SizeOverflow,
        };
    }
}
