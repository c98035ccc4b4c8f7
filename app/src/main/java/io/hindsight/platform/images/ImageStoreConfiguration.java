package io.hindsight.platform.images;

import io.hindsight.common.images.ImageStore;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Uploaded images live in {@code hindsight.images.directory} (default {@code <data-dir>/images}). Another
 * store (an S3-compatible bucket, see docs/operations.md) replaces this one by defining an {@link ImageStore}
 * bean.
 */
@Configuration(proxyBeanMethods = false)
public class ImageStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean(ImageStore.class)
    public ImageStore fileSystemImageStore(
            @Value("${hindsight.images.directory:${hindsight.data-dir}/images}") Path directory) {
        return new FileSystemImageStore(directory);
    }
}
