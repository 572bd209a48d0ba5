package io.salestargets.events.targets;

/** What a target type measures: the sum of sale amounts, the number of won sales, or the sum of profits. */
public enum Unit {
    AMOUNT,
    COUNT,
    PROFIT
}
