package io.salestargets.progress.firstversion.sales;

import io.salestargets.events.sale.SaleWon;

/**
 * What the projector holds of one sale: what it counts now ({@code won}, null once retracted) and the
 * newest revision applied, so that an older record arriving late is ignored.
 */
public record SaleState(SaleWon won, Long revision) {
}
