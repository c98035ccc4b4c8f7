package io.hindsight.shop.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.shop.ProductState;
import io.hindsight.shop.api.ChangeProduct;
import io.hindsight.shop.api.CreateProduct;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopRules;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/products")
@PreAuthorize("hasRole('ADMIN')")
public class ProductCommandController {

    private final Commands commands;

    public ProductCommandController(Commands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<CreatedProduct> create(@Valid @RequestBody NewProductRequest request) {
        ProductId productId = ProductId.newId();
        commands.send(new CreateProduct(
                productId,
                request.name().trim(),
                request.description(),
                price(request.price()),
                request.imageUrl(),
                !Boolean.FALSE.equals(request.active())));
        return ResponseEntity.created(URI.create("/api/products/" + productId))
                .body(new CreatedProduct(productId.value()));
    }

    @PatchMapping("/{productId}")
    public ProductState change(@PathVariable String productId, @Valid @RequestBody ProductChangeRequest request) {
        return commands.send(new ChangeProduct(
                ProductId.parse(productId),
                request.name(),
                request.description(),
                request.price() == null ? null : price(request.price()),
                request.imageUrl(),
                request.active()));
    }

    private static long price(BigDecimal price) {
        return WholeNumbers.between(price, 0, ShopRules.MAX_PRICE, "price", CommonError.VALIDATION_FAILED);
    }

    public record NewProductRequest(
            @NotBlank @Size(max = ShopRules.MAX_NAME_LENGTH) String name,

            @MultilineText @Size(max = ShopRules.MAX_DESCRIPTION_LENGTH) String description,

            // required, as the API's description now says too (it listed only the name)
            @NotNull BigDecimal price,

            @Size(max = ShopRules.MAX_IMAGE_URL_LENGTH) String imageUrl,

            /** false adds it to the catalogue without selling it yet; absent or true sells it at once. */
            Boolean active) {}

    public record ProductChangeRequest(
            @Size(min = 1, max = ShopRules.MAX_NAME_LENGTH) @Pattern(regexp = ".*\\S.*") String name,

            @MultilineText @Size(max = ShopRules.MAX_DESCRIPTION_LENGTH) String description,

            BigDecimal price,

            @Size(max = ShopRules.MAX_IMAGE_URL_LENGTH) String imageUrl,

            Boolean active) {}

    public record CreatedProduct(String productId) {}
}
