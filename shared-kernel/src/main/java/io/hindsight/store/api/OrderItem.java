package io.hindsight.store.api;

/** A menu item and how many of it, as a customer asks for it. */
public record OrderItem(MenuId menuId, int quantity) {}
