/** The "lowest peers" project records charts as their inputs only: its @pulumi/pulumi's mocks cannot apply a chart's transforms. */
process.env.FORJA_RENDER_CHARTS = "off";
